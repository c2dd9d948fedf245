/**
 * The role the app's connections take (`-c role=…` at connect): subject to row-level security, so
 * a table a service owns shows only the rows of the transaction's service scope. Created by the
 * `Services` migration; migrations themselves run as the connecting user.
 */
export const APP_DATABASE_ROLE = 'linkway_app';
