/**
 * The demo data set: generated accounts, users and services for the embedded database and the benchmarks
 * ({@link io.hookdesk.db.demo.DemoData}), seeded once and all or nothing ({@link io.hookdesk.db.demo.DemoSeed}). Only
 * ever written into a database HookDesk created.
 *
 * <p>May use: {@code model}.
 */
package io.hookdesk.db.demo;
