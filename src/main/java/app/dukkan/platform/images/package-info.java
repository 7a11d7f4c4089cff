/**
 * Product image processing: the uploaded file's type told by its content, its size and pixel
 * limits checked before decoding, EXIF orientation applied, metadata dropped by re-encoding, and
 * JPEG renditions in the widths the shop's pages offer in {@code srcset}.
 */
@NullMarked
package app.dukkan.catalog.image;

import org.jspecify.annotations.NullMarked;
