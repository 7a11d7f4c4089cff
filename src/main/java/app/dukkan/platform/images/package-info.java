/**
 * Picture uploads ({@link app.dukkan.platform.Pictures}): the uploaded file's type told by its
 * content, its size and pixel limits checked before decoding, EXIF orientation applied, metadata
 * dropped by re-encoding, and JPEG renditions in the widths the shop's pages offer in {@code srcset},
 * stored content-addressed through the file store.
 */
@NullMarked
package app.dukkan.platform.images;

import org.jspecify.annotations.NullMarked;
