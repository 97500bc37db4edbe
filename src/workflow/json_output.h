// Internal: JSON and text renderings of closed-loop objects (CLI, C ABI, bindings).
#ifndef VOC_WORKFLOW_JSON_OUTPUT_H_
#define VOC_WORKFLOW_JSON_OUTPUT_H_

#include <string>
#include <vector>

#include "core/json.h"
#include "voc/insights.h"
#include "voc/workflow.h"

namespace voc::workflow {

void WriteTask(json::Writer* w, const Task& t);
void WriteCase(json::Writer* w, const Case& c);
void WriteEvent(json::Writer* w, const Event& e);
void WriteOutbox(json::Writer* w, const OutboxMessage& m);
void WriteInsight(json::Writer* w, const Insight& in);
void WriteReport(json::Writer* w, const VerificationReport& r);
void WriteFollowUp(json::Writer* w, const FollowUpReport& r);
void WriteTick(json::Writer* w, const TickReport& r);

// One human-readable line per object ("T-1 [assigned] v2 owner=wang ... title").
std::string TaskLine(const Task& t);
std::string CaseLine(const Case& c);
std::string EventLine(const Event& e);
std::string OutboxLine(const OutboxMessage& m);
std::string InsightLine(const Insight& in);

}  // namespace voc::workflow

#endif  // VOC_WORKFLOW_JSON_OUTPUT_H_
