import { IncomingMessage, ServerResponse } from "node:http";
import type { DoorMount } from "../http-door/door-route.js";
import { sendJson } from "../http-door/door-response.js";
import { createDashboardHandler } from "./dashboard-handler.js";

/** The dashboard on the HTTP door's port, under /dashboard, reading AccountService at `accountUrl`. */
export function dashboardMount(accountUrl: string): DoorMount {
  const handler = createDashboardHandler({ accountUrl });
  return {
    pathPrefix: "/dashboard",
    handle(request, response) {
      if (request instanceof IncomingMessage && response instanceof ServerResponse && handler(request, response)) return;
      sendJson(response, 404, { error: { message: "the dashboard is served over HTTP/1.1 under /dashboard/" } });
    },
  };
}
