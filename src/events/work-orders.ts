/**
 * The sample's webhook events: what the work-order handlers announce, to whom. "Assigned to me" goes to the
 * subscriptions of the user whose sign-in name is the assigned technician's email address.
 */
import { notify } from "../../generated/webhooks.js";
import { getTechnician } from "../storage/technicians.js";
import type { WorkOrder } from "../storage/work-orders.js";

/** A work order was created: to every "created" subscription, and "assigned to me" to its technician's. */
export async function announceCreated(workOrder: WorkOrder): Promise<void> {
  await notify.OnWorkOrderCreated(workOrder);
  if (workOrder.assignedTo !== undefined) await announceAssigned(workOrder);
}

/** A work order changed: "assigned to me" when it now has a technician it did not have before. */
export async function announceUpdated(before: WorkOrder, after: WorkOrder): Promise<void> {
  if (after.assignedTo !== undefined && after.assignedTo !== before.assignedTo) await announceAssigned(after);
}

async function announceAssigned(workOrder: WorkOrder): Promise<void> {
  const technician = workOrder.assignedTo === undefined ? undefined : await getTechnician(workOrder.assignedTo);
  const email = technician?.email?.toLowerCase();
  // A technician without an email address is nobody's "me".
  if (email === undefined) return;
  await notify.OnWorkOrderAssignedToMe(workOrder, { where: (subscription) => subscription.owner.userPrincipalName?.toLowerCase() === email });
}
