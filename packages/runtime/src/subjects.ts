/**
 * NATS subjects and streams, in one module so that publishers and consumers cannot drift.
 * Tenant names are validated by the config schema to be safe subject tokens.
 */
export const costStreamName = "COSTS";

/** Subject filter of every cost event. */
export const costSubjects = "switchyard.cost.v1.>";

/** Subject of one tenant's cost events. */
export function costSubject(tenant: string): string {
  return `switchyard.cost.v1.${tenant}`;
}

/** Stream keeping budget alerts (file storage), so an alert id is published once (Nats-Msg-Id). */
export const alertStreamName = "ALERTS";

/** Subject filter of every budget alert. */
export const alertSubjects = "switchyard.alert.v1.>";

/** Subject of one tenant's budget alerts. */
export function alertSubject(tenant: string): string {
  return `switchyard.alert.v1.${tenant}`;
}

/** Stream keeping alerts whose webhook delivery was given up (file storage, 30 days). */
export const webhookDeadLetterStreamName = "WEBHOOK_DEAD_LETTERS";

/** Subject filter of every webhook dead letter (outside the alert subjects: not an alert again). */
export const webhookDeadLetterSubjects = "switchyard.webhook.dead.v1.>";

/** Subject of one tenant's webhook dead letters. */
export function webhookDeadLetterSubject(tenant: string): string {
  return `switchyard.webhook.dead.v1.${tenant}`;
}

/** Tenant and key names become subject tokens, so they are restricted to this alphabet. */
export const subjectTokenPattern = /^[A-Za-z0-9_-]{1,64}$/;
