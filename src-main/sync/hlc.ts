/**
 * Hybrid logical clock (Kulkarni et al.): stamps that sort like wall-clock time but never go
 * backwards on one device and always move past any stamp seen from a peer.
 *
 * Format v1 (2026-11-23): `<wall ms, 13 digits zero-padded>-<counter, 4 hex digits>-<device id>`,
 * so plain string comparison orders stamps. A peer whose clock runs ahead is not an error:
 * we adopt its wall time (so our stamps still sort after its own) and record the skew.
 */
export interface HlcState {
  wall: number;
  counter: number;
}

export interface HlcStamp extends HlcState {
  device: string;
}

const MAX_COUNTER = 0xffff;

export function formatHlc(s: HlcStamp): string {
  return `${String(s.wall).padStart(13, '0')}-${s.counter.toString(16).padStart(4, '0')}-${s.device}`;
}

export function parseHlc(text: string): HlcStamp {
  const m = /^(\d{13})-([0-9a-f]{4})-(.+)$/.exec(text);
  if (!m) throw new Error(`Not a hybrid-logical-clock stamp: ${JSON.stringify(text)}`);
  return { wall: Number(m[1]), counter: parseInt(m[2]!, 16), device: m[3]! };
}

export class HybridLogicalClock {
  private state: HlcState;
  /** Largest amount (ms) by which a peer's clock was seen ahead of ours. */
  maxSkewMs = 0;

  constructor(
    readonly device: string,
    private readonly physicalNow: () => number = () => Date.now(),
    initial?: HlcState,
  ) {
    this.state = initial ? { ...initial } : { wall: 0, counter: 0 };
  }

  get current(): HlcState {
    return { ...this.state };
  }

  /** A stamp for a local event. */
  now(): string {
    const pt = this.physicalNow();
    if (pt > this.state.wall) {
      this.state = { wall: pt, counter: 0 };
    } else {
      this.bump();
    }
    return formatHlc({ ...this.state, device: this.device });
  }

  /** Merge a stamp received from a peer; returns the stamp of the receive event. */
  receive(remote: string): string {
    const r = parseHlc(remote);
    const pt = this.physicalNow();
    if (r.wall > pt) this.maxSkewMs = Math.max(this.maxSkewMs, r.wall - pt);
    const wall = Math.max(pt, r.wall, this.state.wall);
    let counter: number;
    if (wall === this.state.wall && wall === r.wall) counter = Math.max(this.state.counter, r.counter) + 1;
    else if (wall === this.state.wall) counter = this.state.counter + 1;
    else if (wall === r.wall) counter = r.counter + 1;
    else counter = 0;
    this.state = { wall, counter };
    if (counter > MAX_COUNTER) this.state = { wall: wall + 1, counter: 0 };
    return formatHlc({ ...this.state, device: this.device });
  }

  private bump(): void {
    // The counter overflowing means >65k events in one millisecond or a long-lived skew:
    // advance the logical wall time rather than throw.
    if (this.state.counter >= MAX_COUNTER) this.state = { wall: this.state.wall + 1, counter: 0 };
    else this.state = { wall: this.state.wall, counter: this.state.counter + 1 };
  }
}
