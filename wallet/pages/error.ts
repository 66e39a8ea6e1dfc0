// A refusal or error page: what it means in the person's language, then its code and technical message.
import type { View } from '../http/view.ts'
import { explainCode } from '../i18n/errors.ts'
import { html, page } from './layout.ts'

/** Messages never hold claim values or tokens (EidError's rule), so the technical one may be shown. */
export function errorPage(view: View, code: string, message: string): string {
  return page(
    view,
    view.t('error.title'),
    html`<div class="box error" role="alert"><p>${explainCode(code, view.locale)}</p>
<p class="muted code">${code}</p><details class="technical"><summary>${view.t('error.technical')}</summary><p><strong>${code}</strong>: ${message}</p></details></div>
<p><a href="/">${view.t('error.back')}</a></p>`,
  )
}
