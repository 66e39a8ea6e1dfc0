// The lock screen: unlock with the passphrase (or create the wallet with a new one); a pending same-device request waits.
import { MIN_PASSPHRASE_LENGTH } from '../core/index.ts'
import type { View } from '../http/view.ts'
import type { MessageKey } from '../i18n/messages.ts'
import { html, page } from './layout.ts'

export interface UnlockPageInput {
  /** No wallet file yet: the form chooses a passphrase. */
  create: boolean
  /** Where to continue once unlocked (e.g. the same-device `/authorize` link). */
  next?: string
  /** A refusal to show (wrong passphrase, too many attempts, too short). */
  error?: { key: MessageKey; values?: Record<string, string | number>; code: string }
  idleMinutes: number
}

export function unlockPage(view: View, input: UnlockPageInput): string {
  const pending = input.next?.startsWith('/authorize') === true
  const next = input.next === undefined ? html`` : html`<input type="hidden" name="next" value="${input.next}">`
  const error = input.error
    ? html`<div class="box error" role="alert"><p>${view.t(input.error.key, input.error.values)}</p><p class="muted">${input.error.code}</p></div>`
    : html``
  const fields = input.create
    ? html`<p>${view.t('create.intro')}</p>
<p><label for="passphrase">${view.t('create.passphrase', { min: MIN_PASSPHRASE_LENGTH })}</label><input type="password" id="passphrase" name="passphrase" required minlength="${MIN_PASSPHRASE_LENGTH}" maxlength="1024" autocomplete="new-password"></p>
<p><label for="repeat">${view.t('create.repeat')}</label><input type="password" id="repeat" name="repeat" required maxlength="1024" autocomplete="new-password"></p>
<p><button type="submit" class="primary">${view.t('create.button')}</button></p>`
    : html`<p>${view.t('unlock.intro')}</p>
<p><label for="passphrase">${view.t('unlock.passphrase')}</label><input type="password" id="passphrase" name="passphrase" required maxlength="1024" autocomplete="current-password" autofocus></p>
<p><button type="submit" class="primary">${view.t('unlock.button')}</button></p>`
  return page(
    view,
    view.t(input.create ? 'create.title' : 'unlock.title'),
    html`${pending ? html`<div class="box notice" role="status"><p>${view.t('unlock.pending')}</p></div>` : html``}${error}
<form method="post" action="/unlock" class="box" id="unlock">${next}${fields}</form>
<p class="muted">${view.t('unlock.idle', { minutes: input.idleMinutes })}</p>`,
  )
}
