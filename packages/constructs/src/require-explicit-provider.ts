import type { IAspect } from 'cdktf';
import { Annotations, TerraformDataSource, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Fails synth when a resource or data source relies on the default provider. One stack spans
 * several accounts; a resource without an explicit provider would land in whichever account
 * the default credentials point at, so every resource must name its (aliased) provider.
 *
 * @example Aspects.of(stack).add(new RequireExplicitProvider());
 */
export class RequireExplicitProvider implements IAspect {
  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) && !(node instanceof TerraformDataSource)) return;
    if (node.provider === undefined) {
      Annotations.of(node).addError(
        `${node.terraformResourceType} "${node.node.path}" has no explicit provider: pass the account's aliased provider`,
      );
    }
  }
}
