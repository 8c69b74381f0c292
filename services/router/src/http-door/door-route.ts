import type { DoorResponse } from "./door-response.js";
import type { DoorRequest } from "./request-body.js";

/** Handles one request; the door has matched its method and path. */
export type DoorRouteHandler = (request: DoorRequest, response: DoorResponse) => Promise<void>;

/** One endpoint of the door. */
export interface DoorRoute {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly handle: DoorRouteHandler;
}

/**
 * Extra handlers mounted under a path prefix (the dashboard mounts `/dashboard`). They get the
 * raw request and response and answer everything under their prefix themselves.
 */
export interface DoorMount {
  readonly pathPrefix: string;
  readonly handle: (request: DoorRequest, response: DoorResponse) => void | Promise<void>;
}
