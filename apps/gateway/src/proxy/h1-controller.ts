import type { Dispatcher } from 'undici';

/** What a controller acts on: the connection running its request (or nothing, once failed). */
export interface H1ControllerOwner {
  /** ends the controller's request with `reason`, if it is still the connection's current one */
  abortFrom(controller: H1Controller, reason: Error): void;
  /** reads on after pause(), if the controller's request is still the connection's current one */
  resumeFrom(controller: H1Controller): void;
}

const NO_OWNER: H1ControllerOwner = { abortFrom() {}, resumeFrom() {} };

/**
 * The lean client's undici 8 DispatchController, one per request: abort() ends the request,
 * pause() holds the response body (the connection checks it after each onResponseStart /
 * onResponseData, as undici does), resume() reads on. Acting on a request that already ended
 * never touches the connection's next one (the owner checks the controller is still current).
 */
export class H1Controller implements Dispatcher.DispatchController {
  rawHeaders: string[] | null = null;
  rawTrailers: string[] | null = null;
  private held = false;
  private abortReason: Error | null = null;

  constructor(private readonly owner: H1ControllerOwner) {}

  /** The controller a request gets when it fails before it started (as undici's queued aborts). */
  static failed(reason: Error): H1Controller {
    const controller = new H1Controller(NO_OWNER);
    controller.abortReason = reason;
    return controller;
  }

  get aborted(): boolean {
    return this.abortReason !== null;
  }

  get reason(): Error | null {
    return this.abortReason;
  }

  get paused(): boolean {
    return this.held;
  }

  abort(reason: Error): void {
    if (this.abortReason !== null) return;
    this.abortReason = reason;
    this.owner.abortFrom(this, reason);
  }

  pause(): void {
    this.held = true;
  }

  resume(): void {
    if (!this.held) return;
    this.held = false;
    this.owner.resumeFrom(this);
  }
}
