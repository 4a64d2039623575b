import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A CloudTrail event as LookupEvents returns it (API_LookupEvents, "Event" data type). */
export interface TrailEventFixture {
  readonly EventId: string;
  readonly EventName: string;
  readonly ReadOnly: string;
  readonly AccessKeyId?: string;
  /** Seconds since the epoch, as the JSON protocol carries timestamps. */
  readonly EventTime: number;
  readonly EventSource: string;
  readonly Username?: string;
  readonly Resources?: Array<{ ResourceType: string; ResourceName: string }>;
  /** The full record, a JSON string (the CloudTrail record format). */
  readonly CloudTrailEvent: string;
}

export interface AwsFrontOptions {
  /** The moto server every other request goes to. */
  readonly upstream: string;
  /** AssumeRole of a role in these accounts is refused with STS's AccessDenied error. */
  readonly refusedAccounts?: readonly string[];
  /** The first N calls of `operation` (x-amz-target suffix) in `accountId` get a ThrottlingException. */
  readonly throttle?: { readonly accountId: string; readonly operation: string; readonly times: number };
  /** Calls of `operation` in `accountId` are refused with AccessDeniedException (HTTP 400), as an IAM deny answers. */
  readonly deny?: { readonly accountId: string; readonly operation: string };
  /** CloudTrail events per account, served to LookupEvents (moto 5.2.1 does not implement it). */
  readonly trail?: Readonly<Record<string, readonly TrailEventFixture[]>>;
}

/**
 * An HTTP front for moto that adds what moto cannot do, in the wire format AWS documents:
 * refusing AssumeRole for chosen accounts (STS AccessDenied, HTTP 403), throttling chosen calls
 * (ThrottlingException, HTTP 400, which the SDK retries), and CloudTrail LookupEvents (not
 * implemented by moto 5.2.1) from fixtures shaped like the API reference's response. Everything
 * else is forwarded unchanged. It learns which account an access key belongs to from the
 * AssumeRole responses it forwards, as moto itself does.
 */
export class AwsFront {
  readonly throttled: string[] = [];
  readonly lookups: Array<{ accountId: string; attribute: string; value: string }> = [];
  private readonly keyAccounts = new Map<string, string>();
  private readonly calls = new Map<string, number>();
  private server?: Server;
  endpoint = '';

  constructor(private readonly options: AwsFrontOptions) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const target = String(request.headers['x-amz-target'] ?? '');
    const accountId = this.accountOf(request);
    const form = new URLSearchParams(
      request.headers['content-type']?.includes('form') === true ? body.toString('utf8') : '',
    );

    if (form.get('Action') === 'AssumeRole') {
      const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(form.get('RoleArn') ?? '')?.[1];
      if (roleAccount !== undefined && this.options.refusedAccounts?.includes(roleAccount)) {
        response
          .writeHead(403, { 'content-type': 'text/xml' })
          .end(
            `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>` +
              `<Message>User is not authorized to perform: sts:AssumeRole on resource: ${form.get('RoleArn') ?? ''}</Message></Error>` +
              `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
          );
        return;
      }
      const upstream = await this.forward(request, body);
      const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(upstream.text.toString('utf8'))?.[1];
      if (key !== undefined && roleAccount !== undefined) this.keyAccounts.set(key, roleAccount);
      response.writeHead(upstream.status, upstream.headers).end(upstream.text);
      return;
    }

    const throttle = this.options.throttle;
    if (
      throttle !== undefined &&
      accountId === throttle.accountId &&
      target.endsWith(`.${throttle.operation}`)
    ) {
      const count = (this.calls.get(target) ?? 0) + 1;
      this.calls.set(target, count);
      if (count <= throttle.times) {
        this.throttled.push(`${accountId} ${throttle.operation}`);
        response
          .writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() })
          .end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
    }

    const deny = this.options.deny;
    if (deny !== undefined && accountId === deny.accountId && target.endsWith(`.${deny.operation}`)) {
      response
        .writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() })
        .end(
          JSON.stringify({
            __type: 'AccessDeniedException',
            Message: `User is not authorized to perform: secretsmanager:${deny.operation} because no identity-based policy allows it`,
          }),
        );
      return;
    }

    if (target.endsWith('CloudTrail_20131101.LookupEvents')) {
      const input = JSON.parse(body.toString('utf8') || '{}') as {
        LookupAttributes?: Array<{ AttributeKey: string; AttributeValue: string }>;
        StartTime?: number;
        EndTime?: number;
      };
      const attribute = input.LookupAttributes?.[0];
      this.lookups.push({
        accountId,
        attribute: attribute?.AttributeKey ?? '',
        value: attribute?.AttributeValue ?? '',
      });
      // Timestamps travel as epoch seconds in the JSON protocol.
      const events = (this.options.trail?.[accountId] ?? []).filter(
        (event) =>
          matches(event, attribute) &&
          (input.StartTime === undefined || event.EventTime >= input.StartTime) &&
          (input.EndTime === undefined || event.EventTime <= input.EndTime),
      );
      response
        .writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() })
        .end(JSON.stringify({ Events: events }));
      return;
    }

    const upstream = await this.forward(request, body);
    response.writeHead(upstream.status, upstream.headers).end(upstream.text);
  }

  /** The account of the signing key: learned from AssumeRole, else moto's default account. */
  private accountOf(request: IncomingMessage): string {
    const key = /Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
    return this.keyAccounts.get(key) ?? '123456789012';
  }

  private async forward(
    request: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; text: Buffer }> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (
        value !== undefined &&
        !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)
      ) {
        headers[name] = Array.isArray(value) ? value.join(',') : value;
      }
    }
    const upstream = await fetch(`${this.options.upstream}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    const text = Buffer.from(await upstream.arrayBuffer());
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
        out[name] = value;
    });
    return { status: upstream.status, headers: out, text };
  }
}

function matches(
  event: TrailEventFixture,
  attribute: { AttributeKey: string; AttributeValue: string } | undefined,
): boolean {
  if (attribute === undefined) return true;
  switch (attribute.AttributeKey) {
    case 'EventName':
      return event.EventName === attribute.AttributeValue;
    case 'AccessKeyId':
      return event.AccessKeyId === attribute.AttributeValue;
    case 'ResourceName':
      return event.Resources?.some((resource) => resource.ResourceName === attribute.AttributeValue) === true;
    default:
      return false;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
