package app.dukkan.privacy.consent;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param noticeVersion the date the privacy notice in force was published (ISO, e.g. {@code
 *     2026-12-06}): every consent is recorded under it; change it with the notice's text
 */
@ConfigurationProperties("dukkan.privacy")
record PrivacyProperties(@DefaultValue("2026-12-06") LocalDate noticeVersion) {}
