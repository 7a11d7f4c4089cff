package app.dukkan.platform;

import java.util.List;

/**
 * Other sites the shop's pages load code from, frame or call (a payment provider's script, say).
 * A module that needs them declares a bean; the pages' Content-Security-Policy allows exactly these.
 */
public record PageOrigins(List<String> scripts, List<String> frames, List<String> connections) {

    public PageOrigins {
        scripts = List.copyOf(scripts);
        frames = List.copyOf(frames);
        connections = List.copyOf(connections);
    }
}
