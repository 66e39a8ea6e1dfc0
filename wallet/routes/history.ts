// `GET /history` the page, `GET /history.json` the same entries as a JSON download (evidence for a complaint).
import { Router } from 'express'
import { sessionOf, viewOf } from '../http/view.ts'
import { historyPage } from '../pages/history.ts'

export function historyRoutes(): Router {
  const r = Router()
  r.get('/history', async (req, res) => {
    const { wallet } = sessionOf(req)
    await wallet.refresh()
    res.type('html').send(historyPage(viewOf(res, sessionOf(req)), wallet.history(), wallet.issuerDisplays()))
  })
  r.get('/history.json', async (req, res) => {
    const { wallet } = sessionOf(req)
    await wallet.refresh()
    res.set('Content-Disposition', 'attachment; filename="wallet-history.json"').json(wallet.history())
  })
  return r
}
