/** What a plan file may be sent as (POST /programmes/{id}/import). */
export const PLAN_MEDIA_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];
export const PLAN_MAX_BYTES = 5 * 1024 * 1024;
