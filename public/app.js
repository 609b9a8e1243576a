// Small enhancements; every page works without them (strict CSP: this file is the only script).
// - setup: weights normalized live (% of the sibling set, global %, max points of 100);
// - score sheet: autosave through the JSON API with a visible saved/unsaved state, keys 0–5
//   choose a level, arrow keys up/down move between criteria;
// - progress: the matrix refreshes itself by polling the API (for a projector).
'use strict'

const lang = document.documentElement.lang === 'en' ? 'en' : 'vi'
const nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
// Same rule as the server's display rounding: half away from zero, after 9 decimals.
const round2 = (x) => {
  const s = Math.abs(x).toFixed(9)
  const [w, f] = s.split('.')
  const kept = Number(w + f.slice(0, 2)) + (Number(f[2]) >= 5 ? 1 : 0)
  return (x < 0 ? -kept : kept) / 100
}
const num = (x) => nf.format(round2(x))
const pct = (share) => (lang === 'vi' ? `${num(share * 100)} %` : `${num(share * 100)}%`)
const parseNum = (s) => {
  const t = String(s).trim().replace(',', '.')
  return t === '' ? NaN : Number(t)
}

function weights(form) {
  const rows = [...form.querySelectorAll('tr[data-node]')]
  const recompute = () => {
    const byParent = new Map()
    const weight = new Map()
    for (const row of rows) {
      if (row.hasAttribute('data-passfail')) continue
      const input = row.querySelector('input.w')
      const w = input ? parseNum(input.value) : NaN
      weight.set(row.dataset.node, Number.isFinite(w) && w >= 0 ? w : 0)
      const list = byParent.get(row.dataset.parent) || []
      list.push(row.dataset.node)
      byParent.set(row.dataset.parent, list)
    }
    const global = new Map()
    const local = new Map()
    // Rows are in tree order, so a parent's global weight is known before its children's.
    for (const row of rows) {
      const id = row.dataset.node
      if (!weight.has(id)) continue
      const siblings = byParent.get(row.dataset.parent) || []
      const sum = siblings.reduce((s, x) => s + (weight.get(x) || 0), 0)
      const l = sum > 0 ? weight.get(id) / sum : 0
      local.set(id, l)
      global.set(id, (row.dataset.parent ? global.get(row.dataset.parent) ?? 0 : 1) * l)
    }
    const sumOut = form.querySelector('[data-out="weight-sum"]')
    if (sumOut) {
      const top = (byParent.get('') || []).reduce((sum, id) => sum + (weight.get(id) || 0), 0)
      sumOut.textContent = String(Math.round(top * 1e4) / 1e4).replace('.', lang === 'vi' ? ',' : '.')
    }
    for (const row of rows) {
      const id = row.dataset.node
      if (!global.has(id)) continue
      row.querySelector('[data-out="local"]').textContent = pct(local.get(id))
      row.querySelector('[data-out="global"]').textContent = pct(global.get(id))
      row.querySelector('[data-out="points"]').textContent = num(100 * global.get(id))
    }
  }
  form.addEventListener('input', (e) => { if (e.target.matches('input.w')) recompute() })
}

function sheet(form) {
  const api = form.dataset.api
  const state = document.querySelector('[data-save-state]')
  const bar = document.querySelector('[data-progress]')
  const barText = document.querySelector('[data-progress-text]')
  const fieldsets = [...form.querySelectorAll('fieldset[data-criterion]')]
  const reasonInput = document.querySelector('[data-reason]') // above the form, bound by form=
  const pending = new Set() // saves on the wire
  const dirty = new Set() // changes waiting for their (debounced) save
  const timers = new Map()
  let failed = false

  const show = (key) => {
    if (!state) return
    state.textContent = state.dataset[key]
    state.classList.toggle('unsaved', key === 'unsaved' || key === 'saving')
    state.classList.toggle('failed', key === 'failed')
  }
  const refreshProgress = () => {
    const rated = fieldsets.filter((f) => f.querySelector('input[type=radio]:checked')).length
    if (bar) bar.value = rated
    if (barText && barText.dataset.template) barText.textContent = barText.dataset.template.replace('{rated}', rated).replace('{total}', fieldsets.length)
  }

  // The own total and ĐẠT/KHÔNG ĐẠT are the server's to compute (thresholds, pass/fail rules):
  // once every change is saved, take them from a fresh copy of this page.
  async function refreshTotal() {
    const here = document.querySelector('.own-total')
    if (!here) return
    try {
      const res = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      if (!res.ok) return
      const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('.own-total')
      if (fresh) here.replaceChildren(...fresh.childNodes)
    } catch { /* the total refreshes on the next save or reload */ }
  }

  // What cannot be saved yet, and why: a comment with no level chosen (kept, and saved with the
  // level once chosen), a change in review with no reason (saved as soon as the reason is typed).
  const waitingScore = new Set()
  const waitingReason = new Set()
  const showWaiting = () => {
    if (!state) return
    if (waitingReason.size) { state.textContent = form.dataset.waitingReason; state.classList.add('unsaved'); return true }
    if (waitingScore.size) { state.textContent = form.dataset.waitingScore; state.classList.add('unsaved'); return true }
    return false
  }

  async function save(fs) {
    const id = fs.dataset.criterion
    dirty.delete(fs)
    const checked = fs.querySelector('input[type=radio]:checked')
    if (!checked) {
      // A comment alone stays in the form, marked as waiting, until a level is chosen.
      if (fs.querySelector('textarea').value.trim() !== '') waitingScore.add(fs)
      else waitingScore.delete(fs)
      if (!showWaiting() && pending.size === 0 && dirty.size === 0) show('saved')
      return
    }
    waitingScore.delete(fs)
    const body = checked.value === 'pass' ? { pass: true } : checked.value === 'fail' ? { pass: false } : { value: Number(checked.value) }
    const comment = fs.querySelector('textarea').value.trim()
    body.comment = comment === '' ? null : comment
    if (form.hasAttribute('data-review')) {
      const reason = reasonInput ? reasonInput.value.trim() : ''
      if (!reason) {
        waitingReason.add(fs)
        showWaiting()
        if (reasonInput) { reasonInput.setAttribute('aria-invalid', 'true'); reasonInput.focus() }
        return
      }
      waitingReason.delete(fs)
      if (reasonInput) reasonInput.removeAttribute('aria-invalid')
      body.reason = reason
    }
    pending.add(id)
    show('saving')
    try {
      const res = await fetch(api + encodeURIComponent(id), {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      })
      if (!res.ok) {
        const err = await res.json().catch(() => null)
        throw new Error(err && err.error ? err.error.message : String(res.status))
      }
      pending.delete(id)
      fs.classList.add('rated')
      failed = false
      if (pending.size === 0 && dirty.size === 0 && !showWaiting()) { show('saved'); refreshTotal() }
    } catch (e) {
      pending.delete(id)
      failed = true
      show('failed')
      if (state) state.title = e.message
    }
  }
  const schedule = (fs, delay) => {
    clearTimeout(timers.get(fs))
    dirty.add(fs)
    show('unsaved')
    timers.set(fs, setTimeout(() => save(fs), delay))
  }

  form.addEventListener('change', (e) => {
    const fs = e.target.closest('fieldset[data-criterion]')
    if (fs && e.target.type === 'radio') { refreshProgress(); schedule(fs, 0) }
  })
  form.addEventListener('input', (e) => {
    const fs = e.target.closest('fieldset[data-criterion]')
    if (fs && e.target.tagName === 'TEXTAREA') schedule(fs, 800)
  })
  // The reason typed: everything that waited for it is saved (debounced while typing).
  let reasonTimer
  if (reasonInput) {
    reasonInput.addEventListener('input', () => {
      clearTimeout(reasonTimer)
      if (reasonInput.value.trim() === '' || waitingReason.size === 0) return
      reasonTimer = setTimeout(() => { for (const fs of [...waitingReason]) { waitingReason.delete(fs); schedule(fs, 0) } }, 600)
    })
  }
  window.addEventListener('beforeunload', (e) => {
    if (pending.size > 0 || dirty.size > 0 || waitingReason.size > 0 || waitingScore.size > 0) e.preventDefault()
  })

  // Keyboard: 0–5 choose a level of the current criterion; ↑/↓ move between criteria.
  let current = 0
  const focusCriterion = (i) => {
    current = Math.max(0, Math.min(fieldsets.length - 1, i))
    const fs = fieldsets[current]
    fieldsets.forEach((f) => f.classList.toggle('focused', f === fs))
    const target = fs.querySelector('input[type=radio]:checked') || fs.querySelector('input[type=radio]') || fs
    target.focus()
    fs.scrollIntoView({ block: 'nearest' })
  }
  form.addEventListener('focusin', (e) => {
    const fs = e.target.closest('fieldset[data-criterion]')
    if (fs) { current = fieldsets.indexOf(fs); fieldsets.forEach((f) => f.classList.toggle('focused', f === fs)) }
  })
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return
    const t = e.target
    const typing = t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && t.type !== 'radio') || t.tagName === 'SELECT'
    if (typing) return
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      focusCriterion(current + (e.key === 'ArrowDown' ? 1 : -1))
      return
    }
    if (/^[0-9]$/.test(e.key)) {
      const fs = fieldsets[current]
      const input = fs && fs.querySelector(`input[type=radio][data-key="${e.key}"]`)
      if (input && !input.disabled) {
        e.preventDefault()
        input.checked = true
        input.focus()
        input.dispatchEvent(new Event('change', { bubbles: true }))
      }
    }
  })
  refreshProgress()
  if (failed) show('failed')
}

function progress(table) {
  const url = table.dataset.poll
  const texts = document.querySelector('[data-declared-text]')
  const tick = async () => {
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      if (!res.ok) return
      const p = await res.json()
      for (const m of p.members) {
        const row = table.querySelector(`tr[data-member="${CSS.escape(m.id)}"]`)
        if (!row) continue
        row.querySelector('[data-declared]').textContent = m.declared ? texts.dataset.declaredText : texts.dataset.notDeclaredText
      }
      for (const c of p.cells) {
        const cell = table.querySelector(`tr[data-member="${CSS.escape(c.member)}"] td[data-candidate="${CSS.escape(c.candidate)}"]`)
        if (!cell || c.abstained) continue
        const bar = cell.querySelector('progress')
        const text = cell.querySelector('[data-text]')
        if (bar) { bar.max = c.total; bar.value = c.rated }
        if (text) text.textContent = `${c.rated}/${c.total} (${pct(c.total > 0 ? c.rated / c.total : 0)})`
        cell.classList.toggle('complete', c.complete)
      }
    } catch { /* the next tick tries again */ }
  }
  setInterval(tick, 5000)
}

// Confirmations (stage moves, deletes): the links lead to a confirm page; with a <dialog> the same
// question is asked in place. The dialog's form posts to the link's action with its fields.
function confirmDialog(dialog) {
  if (typeof dialog.showModal !== 'function') return
  const form = dialog.querySelector('form')
  const slot = (name) => dialog.querySelector(`[data-slot="${name}"]`)
  const fields = dialog.querySelector('[data-fields]')
  let opener = null
  document.addEventListener('click', (e) => {
    const link = e.target.closest('a[data-confirm]')
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return
    e.preventDefault()
    opener = link
    const d = link.dataset
    form.action = d.action
    slot('title').textContent = d.title
    slot('text').textContent = d.text
    const items = (d.items || '').split('\n').map((s) => s.trim()).filter(Boolean)
    slot('items').replaceChildren(...items.map((text) => { const li = document.createElement('li'); li.textContent = text; return li }))
    slot('items').hidden = items.length === 0
    fields.replaceChildren()
    for (const [key, value] of Object.entries(d)) {
      if (!key.startsWith('field') || key.length <= 5) continue
      const input = document.createElement('input')
      input.type = 'hidden'
      input.name = key.charAt(5).toLowerCase() + key.slice(6)
      input.value = value
      fields.append(input)
    }
    const reason = slot('reason')
    const needsReason = 'reason' in d
    reason.classList.toggle('hidden', !needsReason)
    reason.querySelector('textarea').required = needsReason
    reason.querySelector('textarea').value = ''
    const button = slot('button')
    button.textContent = d.button
    button.className = 'danger' in d ? 'danger-button' : 'primary'
    dialog.showModal()
    ;(needsReason ? reason.querySelector('textarea') : dialog.querySelector('[data-close]')).focus()
  })
  dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close())
  dialog.addEventListener('close', () => { if (opener) opener.focus() })
}

// A refused form: its list of messages is focused so the reader hears what to fix.
const formErrors = document.querySelector('[data-form-errors]')
if (formErrors) { formErrors.focus(); formErrors.scrollIntoView({ block: 'center' }) }

document.querySelectorAll('dialog[data-confirm-dialog]').forEach(confirmDialog)
document.querySelectorAll('form[data-weights]').forEach(weights)
document.querySelectorAll('form[data-sheet]').forEach(sheet)
document.querySelectorAll('table[data-poll]').forEach(progress)
