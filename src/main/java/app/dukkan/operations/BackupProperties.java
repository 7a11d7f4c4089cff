package app.dukkan.operations;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Backup settings.
 *
 * @param key the AES-256 key, base64 of 32 bytes, from the environment ({@code DUKKAN_BACKUP_KEY})
 * @param daily how many days keep their newest backup
 * @param weekly how many ISO weeks keep their newest backup
 */
@ConfigurationProperties("dukkan.backup")
record BackupProperties(
        @Nullable String key,
        @DefaultValue("7") int daily,
        @DefaultValue("4") int weekly) {}
