from .policy import PolicyPage, SupersededDocument
from .registers import Department
from .sections import InternationalIndexPage
from .trips import TripReportIndexPage, TripReportPage
from .twin_towns import TwinTownEvaluation, TwinTownImage, TwinTownIndexPage, TwinTownPage
from .workflow_tasks import BoardCheckTask, ReviewTask

__all__ = [
    "BoardCheckTask",
    "ReviewTask",
    "Department",
    "InternationalIndexPage",
    "PolicyPage",
    "SupersededDocument",
    "TripReportIndexPage",
    "TripReportPage",
    "TwinTownEvaluation",
    "TwinTownImage",
    "TwinTownIndexPage",
    "TwinTownPage",
]
