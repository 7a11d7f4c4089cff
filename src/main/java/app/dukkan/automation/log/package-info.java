/** Run and step logs, redacted of personal data before they are stored, and the API that reads them. */
@NullMarked
package app.dukkan.automation.log;

import org.jspecify.annotations.NullMarked;
