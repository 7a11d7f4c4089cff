/** Background jobs on db-scheduler in the shop's own PostgreSQL: scheduling, retries, dead letters. */
@NullMarked
package app.dukkan.platform.jobs;

import org.jspecify.annotations.NullMarked;
