package app.dukkan.moderation.queue;

import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.platform.ProblemException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * The {@link ModeratedContent} bean of each kind, from every such bean in the context; where two
 * serve one kind, the one marked {@code @Primary}.
 */
@Component
public class ContentDirectory {

    private final ConfigurableListableBeanFactory beans;
    private volatile @Nullable Map<ContentKind, ModeratedContent> byKind;

    ContentDirectory(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
    }

    public Optional<ModeratedContent> find(ContentKind kind) {
        return Optional.ofNullable(byKind().get(kind));
    }

    /** The kind's content, or 404 when no module serves it. */
    public ModeratedContent get(ContentKind kind) {
        return find(kind).orElseThrow(() -> ProblemException.notFound("content of kind", kind.code()));
    }

    private Map<ContentKind, ModeratedContent> byKind() {
        Map<ContentKind, ModeratedContent> known = byKind;
        if (known == null) {
            Map<ContentKind, ModeratedContent> found = new EnumMap<>(ContentKind.class);
            Map<ContentKind, Boolean> primary = new EnumMap<>(ContentKind.class);
            beans.getBeansOfType(ModeratedContent.class).forEach((name, bean) -> {
                boolean isPrimary = beans.containsBeanDefinition(name)
                        && beans.getBeanDefinition(name).isPrimary();
                if (!found.containsKey(bean.kind()) || (isPrimary && !primary.get(bean.kind()))) {
                    found.put(bean.kind(), bean);
                    primary.put(bean.kind(), isPrimary);
                }
            });
            known = Map.copyOf(found);
            byKind = known;
        }
        return known;
    }
}
