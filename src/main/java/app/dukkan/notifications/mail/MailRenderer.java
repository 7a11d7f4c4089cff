package app.dukkan.notifications.mail;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContextWrapper;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail's subject, text part and HTML part from {@code mail-templates/<kind>.txt|.html} and
 * the {@code i18n/mail*.properties} bundles, in English, German or Arabic (right to left). Keeps its
 * own template engine and messages so the web pages' Thymeleaf set-up and Boot's {@code messages}
 * stay untouched.
 */
@Component
public class MailRenderer {

    public static final List<String> LANGUAGES = List.of("en", "de", "ar");
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur");

    /**
     * SpEL caches the getters and methods it found in the evaluation context's accessors, and
     * Thymeleaf makes a new context for every rendering unless the model brings one: each mail then
     * looked every property up by reflection again. One context per thread, because Thymeleaf sets
     * the current template's expression objects on it before each evaluation.
     */
    private static final ThreadLocal<ThymeleafEvaluationContextWrapper> EVALUATION_CONTEXT =
            ThreadLocal.withInitial(() -> new ThymeleafEvaluationContextWrapper(new StandardEvaluationContext()));

    /** Subject and both bodies of one mail. */
    public record Rendered(String subject, String text, String html, Locale locale) {}

    private final SpringTemplateEngine engine;
    private final ResourceBundleMessageSource messages;
    private final NotificationsProperties properties;

    public MailRenderer(NotificationsProperties properties) {
        this.properties = properties;
        this.messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/mail");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        this.engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
        engine.setTemplateEngineMessageSource(messages);
        // expressions compiled to bytecode: interpreted SpEL looks up accessors by reflection on every
        // evaluation, which made rendering the larger part of a mail job's CPU time
        engine.setEnableSpringELCompiler(true);
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail-templates/");
        resolver.setResolvablePatterns(Set.of("*" + suffix));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** The supported language closest to {@code requested}, else the configured default. */
    public Locale localeFor(Locale requested) {
        String language = requested.getLanguage();
        if (LANGUAGES.contains(language)) {
            return Locale.forLanguageTag(language);
        }
        String fallback = properties.defaultLocale().getLanguage();
        return Locale.forLanguageTag(LANGUAGES.contains(fallback) ? fallback : "en");
    }

    /**
     * Renders the mail of {@code kind}. The subject is the message {@code <kind>.subject} with
     * {@code subjectArgs}; templates see {@code model} plus {@code shop}, {@code fmt}, {@code lang},
     * {@code dir} and {@code subject}.
     */
    public Rendered render(MailKind kind, Locale requested, Map<String, Object> model, Object... subjectArgs) {
        Locale locale = localeFor(requested);
        String subject = messages.getMessage(kind.code() + ".subject", subjectArgs, locale);
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("shop", properties.shopName());
        variables.put("fmt", new MailFormat(locale, ZoneOffset.UTC));
        variables.put("lang", locale.getLanguage());
        variables.put("dir", RIGHT_TO_LEFT.contains(locale.getLanguage()) ? "rtl" : "ltr");
        variables.put("subject", subject);
        variables.put(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                EVALUATION_CONTEXT.get());
        Context context = new Context(locale, variables);
        String text = engine.process(kind.code() + ".txt", context);
        String html = engine.process(kind.code() + ".html", context);
        return new Rendered(subject, text.strip() + "\n", html, locale);
    }
}
