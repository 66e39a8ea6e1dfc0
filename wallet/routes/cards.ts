// `GET /` the cards, `GET /cards/:key` a card's page (`?reveal=1` shows the ID number), `GET /theme.css` card colours.
import { Router } from 'express'
import type { Response } from 'express'
import { EidError } from '../../shared/errors/index.ts'
import type { Wallet } from '../core/index.ts'
import { sessionOf, viewOf } from '../http/view.ts'
import { pickDisplay } from '../i18n/locale.ts'
import { buildCards, cardCss } from '../pages/card-model.ts'
import type { Card } from '../pages/card-model.ts'
import { cardPage, homePage } from '../pages/cards.ts'
import type { WebDeps } from './deps.ts'

async function cardsOf(wallet: Wallet, now: number, checkStatus: boolean): Promise<Card[]> {
  const credentials = await wallet.list({ checkStatus })
  return buildCards({ credentials, bbs: await wallet.bbsCredentials(), displays: wallet.issuerDisplays(), now, history: wallet.history() })
}

export function cardRoutes(deps: WebDeps): Router {
  const r = Router()
  const html = (res: Response, body: string) => res.type('html').send(body)

  r.get('/', async (req, res) => {
    const session = sessionOf(req)
    html(res, homePage(viewOf(res, session), await cardsOf(session.wallet, deps.now(), true)))
  })

  r.get('/cards/:key', async (req, res) => {
    const session = sessionOf(req)
    const card = (await cardsOf(session.wallet, deps.now(), true)).find((c) => c.key === req.params.key)
    if (card === undefined) throw new EidError('not_found', 'no such card')
    html(res, cardPage(viewOf(res, session), card, req.query.reveal === '1'))
  })

  r.get('/theme.css', async (req, res) => {
    const view = viewOf(res)
    const cards = await cardsOf(sessionOf(req).wallet, deps.now(), false)
    res.type('text/css').send(cards.map((c) => cardCss(c.key, pickDisplay(c.config?.display, view.locale))).join(''))
  })
  return r
}
