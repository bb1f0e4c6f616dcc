/**
 * The one rule of time limits (办理期限): something answered before its deadline is never overdue;
 * answered after it, it stays marked as answered late; still unanswered past it, it is overdue.
 * The inbox, the organs' view of a request and the joint-meeting report all decide by these, in JS
 * or, with the SQL twins below, in a query.
 */
export interface TimeLimit {
  deadlineAt: Date;
  /** When it was first answered (assigned, decided, or otherwise closed); null while waiting. */
  answeredAt: Date | null;
}

export const isOverdue = (t: TimeLimit, now: Date = new Date()) =>
  t.answeredAt === null && t.deadlineAt.getTime() < now.getTime();

export const isAnsweredLate = (t: TimeLimit) =>
  t.answeredAt !== null && t.answeredAt.getTime() > t.deadlineAt.getTime();

/** SQL for `isOverdue` over two columns (trusted column names, never user input). */
export const overdueCondition = (deadline: string, answered: string) =>
  `(${answered} is null and ${deadline} < now())`;

/** SQL for `isAnsweredLate` over two columns. */
export const answeredLateCondition = (deadline: string, answered: string) =>
  `(${answered} is not null and ${answered} > ${deadline})`;
