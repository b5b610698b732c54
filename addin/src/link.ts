/**
 * The pane's store and its connection, made and started as soon as the pane's script runs:
 * main.ts imports this module first, so the server is asked before the Fluent components and the
 * rest of the pane are evaluated and while office.js starts; its answer is usually in when the
 * pane is first drawn, which then says Online at once.
 */
import { createStore } from './platform/store'
import { Connection } from './sync/connection'

export const store = createStore('lotledger')
export const conn = new Connection(store)
conn.start()
