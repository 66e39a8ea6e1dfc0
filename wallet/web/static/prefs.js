// Tells the wallet page the browser's time zone (a cookie), so dates show in the person's own time.
;(function () {
  'use strict'
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone
    if (tz && document.cookie.indexOf('wallet_tz=' + encodeURIComponent(tz)) < 0) {
      document.cookie = 'wallet_tz=' + encodeURIComponent(tz) + '; path=/; max-age=31536000; samesite=strict'
    }
  } catch (e) {
    /* no Intl: the page keeps China Standard Time */
  }
})()
