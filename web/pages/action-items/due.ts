/** Where a due date falls from today (both YYYY-MM-DD in Viet Nam). */
export function dueBucket(dueDate: string, today: string): 'overdue' | 'thisWeek' | 'later' {
  if (dueDate < today) return 'overdue';
  const inAWeek = new Date(`${today}T00:00:00Z`);
  inAWeek.setUTCDate(inAWeek.getUTCDate() + 7);
  return dueDate <= inAWeek.toISOString().slice(0, 10) ? 'thisWeek' : 'later';
}
