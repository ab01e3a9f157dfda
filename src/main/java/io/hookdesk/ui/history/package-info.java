/**
 * Hook run history: every recorded save attempt, per record (a tab on its form) and overall (the supervisor's
 * "Hook runs" view), with each run's output and masked environment.
 */
package io.hookdesk.ui.history;
