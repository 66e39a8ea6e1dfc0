// The service's webhook: signed delivery of finished presentations to its registered callback URL.
export { checkWebhookConfig, createWebhookSender } from './sender.ts'
export type { WebhookConfig, WebhookEvent, WebhookSender } from './sender.ts'
export { WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, checkWebhookSignature, signWebhook } from './signature.ts'
