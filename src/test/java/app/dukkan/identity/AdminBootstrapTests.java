package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.DukkanApplication;
import app.dukkan.platform.StartupRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The first administrator from {@code DUKKAN_ADMIN_PASSWORD}, on a fresh database of its own. */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTests {

    @Test
    void refusesToStartWhenTheConfiguredAdministratorPasswordFailsThePolicy(CapturedOutput output) {
        String weak = "Sh0rt-pw";

        assertThatThrownBy(() -> new SpringApplicationBuilder(DukkanApplication.class)
                        .profiles("test")
                        .run("--server.port=0", "--dukkan.roles=web", "--dukkan.admin.password=" + weak)
                        .close())
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("admin@test.dukkan")
                .hasMessageContaining("DUKKAN_ADMIN_PASSWORD")
                .hasMessageContaining("at least 10 characters")
                .hasMessageNotContaining(weak);
        assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain(weak);
    }
}
