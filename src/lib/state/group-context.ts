import { createContext } from 'svelte';
import type { GroupWorkspace } from './group-workspace.svelte.ts';

/**
 * The open group, shared by every tab of the group screen: one workspace (two Y.Docs, one set
 * of sockets) however many tabs the admin visits.
 */
export const [getGroupWorkspace, setGroupWorkspace] = createContext<GroupWorkspace>();
