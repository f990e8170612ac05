import { KubeConfig } from '@kubernetes/client-node';

/**
 * A kubeconfig file when given (a test's file), else client-node's default lookup:
 * $KUBECONFIG, ~/.kube/config, then the in-cluster service account.
 */
export function loadKubeConfig(kubeconfigPath?: string): KubeConfig {
  const kc = new KubeConfig();
  if (kubeconfigPath) kc.loadFromFile(kubeconfigPath);
  else kc.loadFromDefault();
  return kc;
}
