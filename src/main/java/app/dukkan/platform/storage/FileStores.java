package app.dukkan.platform.storage;

import app.dukkan.platform.FileStore;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** Opens the configured file store without the application running (the restore command). */
public final class FileStores {

    private FileStores() {}

    public static FileStore open(Environment environment) {
        StorageProperties properties = Binder.get(environment).bindOrCreate("dukkan.storage", StorageProperties.class);
        return properties.s3().configured() ? new S3FileStore(properties) : new FilesystemFileStore(properties);
    }
}
