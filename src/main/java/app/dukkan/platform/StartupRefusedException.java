package app.dukkan.platform;

/**
 * The shop refuses to start because its configuration would make it unsafe or useless (no payment
 * provider, an administrator password the shop would reject). Start-up prints the reason and what
 * to set instead of a stack trace.
 */
public class StartupRefusedException extends RuntimeException {

    private final String action;

    /**
     * @param reason what is wrong and why the shop does not start with it; never a secret's value
     * @param action what the operator sets or changes so that the shop starts
     */
    public StartupRefusedException(String reason, String action) {
        super(reason);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
