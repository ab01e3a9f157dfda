/**
 * The shape of the database: the BillMax tables as the catalogue describes them ({@link io.hookdesk.db.schema.Catalog},
 * turned into jOOQ tables and fields by {@link io.hookdesk.db.schema.Tables}), HookDesk's own migrations
 * ({@link io.hookdesk.db.schema.SchemaMigrations}), the roles an administrator sets up
 * ({@link io.hookdesk.db.schema.Roles}) and the search indexes offered to an existing database
 * ({@link io.hookdesk.db.schema.SearchIndexes}).
 *
 * <p>May use: {@code db}, {@code model}.
 */
package io.hookdesk.db.schema;
