/**
 * Settings for the transaction a report runs in: enough memory for its hash tables and sorts to
 * stay off disk at a million referrals.
 */
export const REPORT_SETTINGS_SQL = "SET LOCAL work_mem = '128MB'";

/**
 * The service-access statement's settings. Its cells collect each duration's values with
 * `array_agg`, and the planner sizes each cell's array state at kilobytes, so it would rather sort
 * the period's rows into cells than hash them: at a million referrals that sort took 1.3 s in each
 * worker, where hashing, even spilling its tens of megabytes to disk, takes a fraction of it.
 * Sorting stays possible, only costed out.
 */
export const SERVICE_ACCESS_SETTINGS_SQL = `${REPORT_SETTINGS_SQL}; SET LOCAL enable_sort = off`;
