import { existsSync } from 'node:fs';

/** Whether a Docker engine answers; cheap when there is clearly none (no socket, no DOCKER_HOST). */
export async function dockerAvailable(): Promise<boolean> {
  if (process.env['SIMPUL_NO_DOCKER'] === 'true') return false;
  if (!process.env['DOCKER_HOST'] && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
