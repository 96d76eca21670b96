import { RequestsService } from '../src-main/services/requests';
import { TodayService } from '../src-main/services/today';
import { Workspace } from '../src-main/services/workspace';
const ws = await Workspace.open('/tmp/scale-bench/p.vigie', 'bench pass', { actor: 'bench' });
const s = new RequestsService(ws);
const today = new Date().toISOString().slice(0, 10);
for (let k = 0; k < 3; k++) { const t0 = performance.now(); await s.create({ requester: { name: 'X' }, rights: ['access'], channel: 'email', receivedOn: today }); console.log('create', (performance.now() - t0).toFixed(1)); }
const t1 = performance.now(); await new TodayService(ws).list(); console.log('today', (performance.now() - t1).toFixed(0));
await ws.close();
