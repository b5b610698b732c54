/** Partners: the suppliers, farms and customers operations name, as admins describe them. */
import type { Actor } from '../../../shared/schemas/common'
import type { PartnerInput } from '../../../shared/schemas/partner'
import type { Ledger } from '../ledger'
import type { PartnerDoc } from '../records'
import type { PartnerRec, WorkspaceState } from '../state'

/** Creates or replaces the partner operations call `code`. An identical PUT writes nothing. */
export function putPartner(
  ledger: Ledger, ws: WorkspaceState, by: Actor | null, code: string, input: PartnerInput,
): { partner: PartnerRec; created: boolean } {
  const doc: PartnerDoc = {
    code, name: input.name, kind: input.kind, phone: input.phone ?? null, address: input.address ?? null,
    gln: input.gln ?? null, fdaRegistration: input.fdaRegistration ?? null,
  }
  const existing = ws.partners.get(code)
  if (existing && (Object.keys(doc) as Array<keyof PartnerDoc>).every((k) => existing[k] === doc[k])) return { partner: existing, created: false }
  ledger.commit({ type: 'partner.saved', ws: ws.id, by, data: doc })
  return { partner: ws.partners.get(code)!, created: !existing }
}
