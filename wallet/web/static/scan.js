// QR scanning on the wallet page: the camera (getUserMedia), decoded by the browser's BarcodeDetector where it
// supports QR codes, else by jsQR (served from this origin); or a chosen picture. A credential offer fills the offer
// form (the person types the transaction code); a service request is opened for review at once.
;(function () {
  'use strict'
  var root = document.getElementById('scanner')
  if (!root) return
  var video = document.getElementById('scan-video')
  var startButton = document.getElementById('scan-start')
  var stopButton = document.getElementById('scan-stop')
  var fileInput = document.getElementById('scan-file')
  var status = document.getElementById('scan-status')
  var paste = document.getElementById('paste')
  var offerInput = document.getElementById('offer')
  var txInput = document.getElementById('tx_code')
  var requestInput = document.getElementById('request')
  var requestForm = document.getElementById('request-form')
  var canvas = document.createElement('canvas')
  var ctx = canvas.getContext('2d', { willReadFrequently: true })
  var stream = null
  var busy = false
  var detector = null
  var MAX_SIDE = 1024

  if ('BarcodeDetector' in window) {
    try {
      window.BarcodeDetector.getSupportedFormats()
        .then(function (formats) {
          if (formats.indexOf('qr_code') >= 0) detector = new window.BarcodeDetector({ formats: ['qr_code'] })
        })
        .catch(function () {})
    } catch (e) {
      detector = null
    }
  }

  function say(text) {
    status.textContent = text
  }

  /** Acts on a decoded text; false when it is neither an offer nor a request (scanning goes on). */
  function handle(text) {
    text = String(text).trim()
    if (/^openid-credential-offer:\/\//i.test(text)) {
      stopCamera()
      paste.open = true
      offerInput.value = text
      say(root.dataset.foundOffer)
      txInput.focus()
      return true
    }
    if (/^(openid4vp|haip|eudi-openid4vp):\/\//i.test(text)) {
      stopCamera()
      requestInput.value = text
      say(root.dataset.foundRequest)
      requestForm.submit()
      return true
    }
    try {
      var url = new URL(text)
      if (url.origin === window.location.origin && url.pathname === '/authorize') {
        stopCamera()
        say(root.dataset.foundRequest)
        window.location.assign(url.pathname + url.search)
        return true
      }
    } catch (e) {
      /* not a URL */
    }
    say(root.dataset.unknown)
    return false
  }

  /** Decodes a QR code from a drawable (video frame or picture); resolves to its text or null. */
  function decode(source, width, height, thorough) {
    var tryDetector = detector
      ? detector.detect(source).then(
          function (codes) {
            return codes.length > 0 ? codes[0].rawValue : null
          },
          function () {
            return null
          },
        )
      : Promise.resolve(null)
    return tryDetector.then(function (found) {
      if (found) return found
      if (typeof window.jsQR !== 'function' || !width || !height) return null
      var scale = Math.min(1, MAX_SIDE / Math.max(width, height))
      var w = Math.max(1, Math.round(width * scale))
      var h = Math.max(1, Math.round(height * scale))
      canvas.width = w
      canvas.height = h
      ctx.drawImage(source, 0, 0, w, h)
      var code = window.jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: thorough ? 'attemptBoth' : 'dontInvert' })
      return code ? code.data : null
    })
  }

  function tick() {
    if (!stream) return
    if (busy || video.readyState < 2) {
      window.setTimeout(tick, 120)
      return
    }
    busy = true
    decode(video, video.videoWidth, video.videoHeight, false).then(function (text) {
      busy = false
      if (text && handle(text)) return
      window.setTimeout(tick, 120)
    })
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop() })
    stream = null
    video.hidden = true
    stopButton.hidden = true
    startButton.hidden = false
  }

  startButton.addEventListener('click', function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(root.dataset.noCamera)
      paste.open = true
      return
    }
    say(root.dataset.working)
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s
        video.srcObject = s
        video.hidden = false
        startButton.hidden = true
        stopButton.hidden = false
        return video.play()
      })
      .then(function () {
        say('')
        tick()
      })
      .catch(function () {
        stopCamera()
        say(root.dataset.noCamera)
        paste.open = true
      })
  })

  stopButton.addEventListener('click', stopCamera)

  fileInput.addEventListener('change', function () {
    var file = fileInput.files && fileInput.files[0]
    if (!file) return
    say(root.dataset.working)
    createImageBitmap(file)
      .then(function (bitmap) {
        return decode(bitmap, bitmap.width, bitmap.height, true)
      })
      .then(
        function (text) {
          if (text) handle(text)
          else say(root.dataset.notFound)
        },
        function () {
          say(root.dataset.notFound)
        },
      )
  })
})()
