@NullMarked
package app.dukkan.identity.web;

import org.jspecify.annotations.NullMarked;
