/**
 * A loopback server that speaks Twilio's dialect (Verify v2), from specs/twilio.yaml (once the
 * draft test/fixtures/provider-drafts/twilio.yaml; the client's base URL is `server.url`):
 *
 * - every call needs `Authorization: Basic base64(AccountSid:AuthToken)`; otherwise 401 with
 *   Twilio's error 20003;
 * - request bodies are `application/x-www-form-urlencoded` with PascalCase names (`FriendlyName`,
 *   `To`, `Channel`); a JSON body is refused like a missing field;
 * - responses are snake_case resources with no envelope, built from the draft's named examples;
 * - errors are `{code, message, more_info, status}` (the shape the draft declares on
 *   CreateVerification's 429) under the HTTP status they name: 20404 for an unknown sid, 20001 for
 *   a missing parameter, 60200 for an invalid one, 20003 for bad credentials (ASSUMPTION: these
 *   codes are Twilio's error dictionary, not the draft, which declares only 20429);
 * - a wrong verification code is not an error: 200 with `status: "pending", valid: false`;
 * - paging: `PageSize` (default 50), `Page`, `PageToken` in; `meta.next_page_url` out (an absolute
 *   URL on this server, null on the last page), with `meta.key` naming the list member;
 * - a 429 (`rateLimited`) is the draft's example 20429 body with `Retry-After`.
 */

import type { RecordedRequest } from "../helpers/server.js";
import { bodyFields, dig, loadDraft, numbered, pageOf, refill, startProviderServer } from "./provider-kit.js";
import type { Call, JsonObject, ProviderServer, Reply } from "./provider-kit.js";

export const TWILIO_ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const TWILIO_AUTH_TOKEN = "loopback-auth-token";

const draft = loadDraft("twilio");

/** The value of the first (or the named) example of an operation's response. */
function example(path: string, method: string, status: string, name?: string): JsonObject {
  const examples = dig(draft, "paths", path, method, "responses", status, "content", "application/json", "examples") as Record<string, { value: JsonObject }>;
  const chosen = name === undefined ? Object.values(examples)[0] : examples[name];
  if (chosen === undefined) throw new Error(`no example ${name ?? ""} on ${method} ${path} ${status}`);
  return chosen.value;
}

export const twilioExamples = {
  service: example("/v2/Services/{Sid}", "get", "200"),
  created: example("/v2/Services", "post", "201"),
  verification: example("/v2/Services/{ServiceSid}/Verifications", "post", "201"),
  check: example("/v2/Services/{ServiceSid}/VerificationCheck", "post", "200"),
  tooManyRequests: example("/v2/Services/{ServiceSid}/Verifications", "post", "429"),
  entity: (example("/v2/Services/{ServiceSid}/Entities", "get", "200", "readFull")["entities"] as JsonObject[])[0] as JsonObject,
};

const sid = (prefix: string, index: number): string => `${prefix}${String(index).padStart(32, "0")}`;
export const SERVICES = numbered(twilioExamples.service, 5, "sid", (i) => sid("VA", i + 1));
export const APPROVING_CODE = "123456";

/** Twilio's error body for `code` under `status`. */
export function twilioError(status: number, code: number, message: string): Reply {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** The draft's own 429 example, with the Retry-After header it declares. */
export const rateLimited = (seconds: number): Reply => ({ status: 429, headers: { "retry-after": String(seconds) }, body: twilioExamples.tooManyRequests });

export async function startTwilioServer(): Promise<ProviderServer> {
  const services: JsonObject[] = [];
  const verifications = new Map<string, JsonObject>();
  const restore = (): void => {
    refill(services, SERVICES);
    verifications.clear();
  };
  let baseUrl = "";

  const form = (request: RecordedRequest): Record<string, string> => {
    if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers["content-type"] ?? "")) return {};
    return Object.fromEntries(Object.entries(bodyFields(request) ?? {}).map(([key, value]) => [key, String(value)]));
  };

  const page = (request: RecordedRequest, key: string, items: readonly JsonObject[]): Reply => {
    const size = Number(request.query.get("PageSize") ?? 50);
    const number = Number(request.query.get("Page") ?? 0);
    const { page: slice, more } = pageOf(items, number * size, size);
    const url = (n: number, token?: string): string => `${baseUrl}${request.path}?PageSize=${size}&Page=${n}${token === undefined ? "" : `&PageToken=${token}`}`;
    const lastSid = slice.at(-1)?.["sid"];
    const meta = {
      page: number,
      page_size: size,
      first_page_url: url(0),
      previous_page_url: number === 0 ? null : url(number - 1, `PB${String(slice[0]?.["sid"])}`),
      url: url(number, request.query.get("PageToken") ?? undefined),
      next_page_url: more ? url(number + 1, `PA${String(lastSid)}`) : null,
      key,
    };
    return { status: 200, body: { [key]: slice, meta } };
  };

  const missing = (name: string): Reply => twilioError(400, 20001, `Missing required parameter ${name} in the post body`);
  const serviceNotFound = (path: string): Reply => twilioError(404, 20404, `The requested resource ${path} was not found`);

  const answer = ({ operationId, params, request }: Call): Reply => {
    const fields = form(request);
    const service = services.find((s) => s["sid"] === (params["Sid"] ?? params["ServiceSid"]));
    switch (operationId) {
      case "ListService":
        return page(request, "services", services);
      case "CreateService": {
        if (fields["FriendlyName"] === undefined) return missing("FriendlyName");
        const created = { ...twilioExamples.created, sid: sid("VA", services.length + 100), friendly_name: fields["FriendlyName"] };
        services.push(created);
        return { status: 201, body: created };
      }
      case "FetchService":
        return service === undefined ? serviceNotFound(request.path) : { status: 200, body: service };
      case "UpdateService":
        if (service === undefined) return serviceNotFound(request.path);
        if (fields["FriendlyName"] !== undefined) service["friendly_name"] = fields["FriendlyName"];
        return { status: 200, body: service };
      case "DeleteService":
        if (service === undefined) return serviceNotFound(request.path);
        services.splice(services.indexOf(service), 1);
        return { status: 204 };
      case "ListEntity":
        if (service === undefined) return serviceNotFound(request.path);
        return page(request, "entities", numbered(twilioExamples.entity, 3, "sid", (i) => sid("YE", i + 1)));
      case "CreateVerification": {
        if (service === undefined) return serviceNotFound(request.path);
        if (fields["To"] === undefined) return missing("To");
        if (fields["Channel"] === undefined) return missing("Channel");
        if (!["sms", "call", "email", "whatsapp", "sna", "auto"].includes(fields["Channel"])) return twilioError(400, 60200, "Invalid parameter: Channel");
        const verification = { ...twilioExamples.verification, sid: sid("VE", verifications.size + 1), service_sid: service["sid"], to: fields["To"], channel: fields["Channel"], status: "pending", valid: false };
        verifications.set(String(verification.sid), verification);
        return { status: 201, body: verification };
      }
      case "FetchVerification":
      case "UpdateVerification": {
        const verification = verifications.get(params["Sid"] ?? "");
        if (service === undefined || verification === undefined) return serviceNotFound(request.path);
        if (operationId === "UpdateVerification") {
          if (fields["Status"] === undefined) return missing("Status");
          verification["status"] = fields["Status"];
        }
        return { status: 200, body: verification };
      }
      case "CreateVerificationCheck": {
        if (service === undefined) return serviceNotFound(request.path);
        if (fields["Code"] === undefined) return missing("Code");
        const verification = [...verifications.values()].find((v) => v["to"] === fields["To"] || v["sid"] === fields["VerificationSid"]);
        if (verification === undefined) return serviceNotFound(`${request.path} (no pending verification)`);
        // A wrong code is not an HTTP error: the check answers 200 and stays pending.
        const approved = fields["Code"] === APPROVING_CODE;
        if (approved) verification["status"] = "approved";
        return { status: 200, body: { ...twilioExamples.check, sid: verification["sid"], to: verification["to"], status: approved ? "approved" : "pending", valid: approved } };
      }
      default:
        throw new Error(`the Twilio server has no answer for ${operationId}`);
    }
  };

  const expected = `Basic ${Buffer.from(`${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}`).toString("base64")}`;
  const server = await startProviderServer(draft, {
    check: (request) => (request.headers.authorization === expected ? undefined : twilioError(401, 20003, "Authenticate")),
    notFound: (request) => twilioError(404, 20404, `The requested resource ${request.path} was not found`),
    answer,
    restore,
  });
  baseUrl = server.url;
  return server;
}
