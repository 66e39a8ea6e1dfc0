// `GET /api/credentials`, `GET /api/history`: the unlocked session's data as JSON (the owner's own; 401 when locked).
import { Router } from 'express'
import { sessionOf } from '../http/view.ts'

export function apiRoutes(): Router {
  const r = Router()
  r.get('/api/credentials', async (req, res) => {
    res.json(await sessionOf(req).wallet.list())
  })
  r.get('/api/history', async (req, res) => {
    const { wallet } = sessionOf(req)
    await wallet.refresh()
    res.json(wallet.history())
  })
  return r
}
