/**
 * Settings for the transaction a report runs in: enough memory for its hash tables and sorts to
 * stay off disk at a million referrals.
 */
export const REPORT_SETTINGS_SQL = "SET LOCAL work_mem = '128MB'";
