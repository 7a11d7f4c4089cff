package app.dukkan.automation.connector;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a step produced: its output (what later steps' templates can refer to as {@code
 * steps.<id>.output}) and the provider's message id where the provider gives one.
 */
public record StepResult(
        Map<String, Object> output, @Nullable String providerMessageId) {}
