import type { vendorsContract } from '../contracts/vendors';
import type { FragmentHandlers } from '../router';
import type { Session } from '../../services/session';
import { VendorsService, vendorReference } from '../../services/vendors';

export function vendorsHandlers(session: Session): FragmentHandlers<typeof vendorsContract> {
  const svc = () => new VendorsService(session.workspace);
  return {
    'vendors.list': (q) => svc().list(q),
    'vendors.get': ({ id }) => svc().get(id),
    'vendors.check': ({ vendor }) => svc().check(vendor),
    'vendors.create': ({ vendor }) => svc().create(vendor),
    'vendors.update': ({ id, vendor }) => svc().update(id, vendor),
    'vendors.remove': async ({ id, reason }) => {
      await svc().remove(id, reason);
      return {};
    },
    'vendors.uploadContract': ({ id, ...file }) => svc().uploadContract(id, file),
    'vendors.downloadContract': ({ id }) => svc().downloadContract(id),
    'vendors.summary': () => svc().summary(),
    'vendors.transfersByCountry': () => svc().transfersByCountry(),
    'vendors.adequacy': () => svc().adequacyTable(),
    'vendors.setOverride': (input) => svc().setOverride(input),
    'vendors.removeOverride': async ({ code }) => {
      await svc().removeOverride(code);
      return {};
    },
    'vendors.transferCheck': ({ country, dpfCertified }) => svc().transferCheck(country, dpfCertified),
    'vendors.tiaDocx': ({ id, transferId, lang }) => svc().tiaDocx(id, transferId, lang),
    'vendors.reference': async () => vendorReference(),
  };
}
