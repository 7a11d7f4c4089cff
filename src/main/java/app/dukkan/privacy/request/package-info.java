/** Export and erasure requests, their jobs, the account's and the audit log's parts, the JSON API. */
@NullMarked
package app.dukkan.privacy.request;

import org.jspecify.annotations.NullMarked;
