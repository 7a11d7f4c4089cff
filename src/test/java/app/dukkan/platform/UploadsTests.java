package app.dukkan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.unit.DataSize;

/** A configured size reads in the page's language, whatever the configuration says, on every page that names it. */
class UploadsTests {

    private static final Locale GERMAN = Locale.GERMAN;
    private static final Locale ARABIC = Locale.forLanguageTag("ar");

    private final ResourceBundleMessageSource messages = messages();

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/layout", "i18n/console-catalog", "i18n/console-images", "i18n/people");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private String shown(DataSize size, Locale locale) {
        return messages.getMessage(Uploads.readable(size), locale);
    }

    @Test
    void aSizeIsShownInItsLargestWholeUnitWithTheLanguagesNumbers() {
        assertThat(shown(DataSize.ofMegabytes(20), Locale.ENGLISH)).isEqualTo("20 MB");
        assertThat(shown(DataSize.ofKilobytes(1536), Locale.ENGLISH)).isEqualTo("1.5 MB");
        assertThat(shown(DataSize.ofKilobytes(1536), GERMAN)).isEqualTo("1,5 MB");
        assertThat(shown(DataSize.ofKilobytes(512), Locale.ENGLISH)).isEqualTo("512 KB");
        assertThat(shown(DataSize.ofBytes(900), GERMAN)).isEqualTo("900 Bytes");
        assertThat(shown(DataSize.ofMegabytes(2048), Locale.ENGLISH)).isEqualTo("2,048 MB");
        // never more than the limit: 20.99 MB is shown as 20.9
        assertThat(shown(DataSize.ofBytes(DataSize.ofMegabytes(21).toBytes() - 1), Locale.ENGLISH))
                .isEqualTo("20.9 MB");
        assertThat(shown(DataSize.ofKilobytes(1536), ARABIC))
                .endsWith(" ميغابايت")
                .doesNotContain("{");
    }

    @Test
    void theImportFormsTextsNameAnyConfiguredLimit() {
        var limit = Uploads.readable(DataSize.ofKilobytes(1536));
        assertThat(messages.getMessage("console.catalog.import.file.hint", new Object[] {limit}, Locale.ENGLISH))
                .startsWith("UTF-8, at most 1.5 MB;");
        assertThat(messages.getMessage("console.catalog.error.file-too-large", new Object[] {limit}, GERMAN))
                .isEqualTo("Die Datei ist größer, als Importe erlauben (1,5 MB).");
        assertThat(messages.getMessage("console.catalog.error.file-too-large", new Object[] {limit}, ARABIC))
                .contains(shown(DataSize.ofKilobytes(1536), ARABIC));
    }

    /** The console's picture page and the shop's avatar form name their limits the same way, also below a megabyte. */
    @Test
    void thePictureFormsTextsNameAnyConfiguredLimit() {
        var limit = Uploads.readable(DataSize.ofKilobytes(512));
        assertThat(messages.getMessage("console.images.file-hint", new Object[] {limit}, Locale.ENGLISH))
                .startsWith("JPEG, PNG or WebP, at most 512 KB.");
        assertThat(messages.getMessage("people.settings.avatar-hint", new Object[] {limit}, Locale.ENGLISH))
                .startsWith("JPEG, PNG or WebP, at most 512 KB.");
        assertThat(messages.getMessage("people.error.avatar.image-too-large", new Object[] {limit}, GERMAN))
                .isEqualTo("Dieses Bild ist größer, als ein Bild sein darf (512 KB).");
        assertThat(messages.getMessage("console.images.error.image-too-large", new Object[] {limit}, ARABIC))
                .contains(shown(DataSize.ofKilobytes(512), ARABIC))
                .doesNotContain("{");
    }
}
