// The scan page: camera (getUserMedia; BarcodeDetector or jsQR, both in /static/scan.js), a picture, or a pasted link.
import type { View } from '../http/view.ts'
import { csrfField, html, page } from './layout.ts'

export function scanPage(view: View): string {
  return page(
    view,
    view.t('scan.title'),
    html`<section id="scanner" class="scanner" data-not-found="${view.t('scan.notFound')}" data-unknown="${view.t('scan.unknown')}"
 data-found-offer="${view.t('scan.foundOffer')}" data-found-request="${view.t('scan.foundRequest')}" data-no-camera="${view.t('scan.noCamera')}" data-working="${view.t('scan.working')}">
<p>${view.t('scan.intro')}</p>
<div class="viewfinder"><video id="scan-video" muted playsinline aria-label="${view.t('scan.video')}" hidden></video></div>
<p class="actions"><button type="button" id="scan-start" class="primary">${view.t('scan.start')}</button><button type="button" id="scan-stop" hidden>${view.t('scan.stop')}</button></p>
<p><label for="scan-file">${view.t('scan.upload')}</label><input type="file" id="scan-file" accept="image/*"></p>
<p id="scan-status" role="status" aria-live="polite"></p></section>
<details id="paste" class="box"><summary>${view.t('scan.paste')}</summary>
<form method="post" action="/offers" id="offer-form">${csrfField(view)}
<p><label for="offer">${view.t('scan.offerLabel')}</label><input type="text" id="offer" name="offer" required maxlength="16384" autocomplete="off" spellcheck="false"></p>
<p><label for="tx_code">${view.t('scan.txCode')}</label><input type="text" id="tx_code" name="tx_code" autocomplete="one-time-code" inputmode="numeric" maxlength="64"></p>
<p><button type="submit" class="primary">${view.t('scan.addButton')}</button></p></form>
<form method="post" action="/present" id="request-form">${csrfField(view)}
<p><label for="request">${view.t('scan.requestLabel')}</label><input type="text" id="request" name="request" required maxlength="8192" autocomplete="off" spellcheck="false"></p>
<p><button type="submit">${view.t('scan.reviewButton')}</button></p></form></details>`,
    { nav: '/scan', scripts: ['/static/jsqr.js', '/static/scan.js'] },
  )
}
