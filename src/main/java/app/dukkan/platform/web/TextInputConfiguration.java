package app.dukkan.platform.web;

import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Applies the {@link TextInput} rule to everything a client sends as text — every string and map
 * key of a JSON body, every query, form and path parameter — and refuses null elements of lists and
 * maps in JSON bodies. Each refusal is a 400 that names the field, given before any code, let alone
 * the database, sees the value.
 *
 * <p>Only request bodies read by Spring MVC are checked: the application's own {@link JsonMapper}
 * also reads stored JSON and job payloads, which must stay readable whatever they hold.
 */
@Configuration(proxyBeanMethods = false)
class TextInputConfiguration implements WebMvcConfigurer {

    @Bean
    ServerHttpMessageConvertersCustomizer checkedJsonInput(JsonMapper jsonMapper) {
        JsonMapper checked = jsonMapper
                .rebuild()
                .addModule(new SimpleModule("dukkan-text-input")
                        .addDeserializer(String.class, new CheckedStringDeserializer())
                        .addKeyDeserializer(String.class, new CheckedKeyDeserializer()))
                .changeDefaultNullHandling(nulls -> JsonSetter.Value.construct(nulls.getValueNulls(), Nulls.FAIL))
                .build();
        return builder -> builder.configureMessageConvertersList(converters -> converters.replaceAll(converter -> {
            if (converter.getClass() != JacksonJsonHttpMessageConverter.class) {
                return converter;
            }
            var replacement = new JacksonJsonHttpMessageConverter(checked);
            replacement.setSupportedMediaTypes(converter.getSupportedMediaTypes());
            return replacement;
        }));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CheckedParameters());
    }

    /** Strings as Jackson reads them (coercions included), then checked. */
    static final class CheckedStringDeserializer extends StdScalarDeserializer<String> {

        CheckedStringDeserializer() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String problem = value == null ? null : TextInput.problem(value);
            if (problem != null) {
                return (String) context.reportInputMismatch(this, problem);
            }
            return value;
        }
    }

    static final class CheckedKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            String problem = TextInput.problem(key);
            if (problem != null) {
                return context.reportInputMismatch(String.class, "keys " + problem);
            }
            return key;
        }
    }

    /** Query and form parameters (names and values) and path variables, named as the client wrote them. */
    static final class CheckedParameters implements HandlerInterceptor {

        /** Tomcat's status for unreadable parameters (413 for too many), else 400. */
        private static HttpStatus clientError(int code) {
            HttpStatus status = HttpStatus.resolve(code);
            return status != null && status.is4xxClientError() ? status : HttpStatus.BAD_REQUEST;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (request.getDispatcherType() == DispatcherType.ERROR) {
                // the error page of a refused request: reading its form now would parse the body
                // its route refused (413)
                return true;
            }
            Map<String, String[]> parameters;
            try {
                parameters = request.getParameterMap();
            } catch (InvalidParameterException unreadable) {
                // "%zz" or a broken UTF-8 sequence in the query: the client's mistake, never a 500
                throw new ProblemException(
                        clientError(unreadable.getErrorCode()),
                        "validation",
                        "Invalid input",
                        "The query or form could not be read: a % escape or the text's encoding is malformed",
                        List.of(new ProblemException.FieldProblem(
                                "query", "must be URL-encoded UTF-8 (a % followed by two hex digits)")));
            }
            parameters.forEach((name, values) -> {
                check("parameter names", name);
                for (String value : values) {
                    check(ApiExceptionHandler.echo(name), value);
                }
            });
            if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
                variables.forEach((name, value) -> check(JsonNames.snake(String.valueOf(name)), String.valueOf(value)));
            }
            return true;
        }

        private static void check(String field, String value) {
            String problem = TextInput.problem(value);
            if (problem != null) {
                throw ProblemException.invalid(field, problem);
            }
        }
    }
}
