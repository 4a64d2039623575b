import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { TFC_AWS_AUDIENCE, TFC_HOSTNAME } from './constants';

/** An IAM OIDC provider trusting a Terraform Cloud host, new or existing. */
export interface TfcOidcProviderRef {
  readonly arn: string;
  readonly hostname: string;
  readonly audience: string;
}

/** Props of {@link TfcOidcProvider}. */
export interface TfcOidcProviderProps {
  /** AWS provider of the account that gets the OIDC provider. */
  readonly provider: AwsProvider;
  /** @default app.terraform.io */
  readonly hostname?: string;
  /** @default aws.workload.identity */
  readonly audience?: string;
}

/**
 * The account's IAM OIDC identity provider for Terraform Cloud. An account has at most one provider
 * per URL: when it already has one, use {@link existingTfcOidcProvider} instead. No thumbprint is
 * pinned: IAM validates Terraform Cloud's certificate against its trusted CAs.
 */
export class TfcOidcProvider extends Construct implements TfcOidcProviderRef {
  public readonly arn: string;
  public readonly hostname: string;
  public readonly audience: string;

  constructor(scope: Construct, id: string, props: TfcOidcProviderProps) {
    super(scope, id);
    this.hostname = props.hostname ?? TFC_HOSTNAME;
    this.audience = props.audience ?? TFC_AWS_AUDIENCE;
    const resource = new IamOpenidConnectProvider(this, 'provider', {
      provider: props.provider,
      url: `https://${this.hostname}`,
      clientIdList: [this.audience],
      tags: { 'managed-by': 'credential-rotation' },
    });
    this.arn = resource.arn;
  }
}

/**
 * A reference to an OIDC provider the account already has.
 *
 * @example existingTfcOidcProvider('arn:aws:iam::111111111111:oidc-provider/app.terraform.io')
 */
export function existingTfcOidcProvider(
  arn: string,
  hostname: string = TFC_HOSTNAME,
  audience: string = TFC_AWS_AUDIENCE,
): TfcOidcProviderRef {
  return { arn, hostname, audience };
}
