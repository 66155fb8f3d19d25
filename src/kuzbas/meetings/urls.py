from django.urls import path

from kuzbas.meetings.views import agenda, attendance, meeting, minutes, projector, voting

app_name = "meetings"
urlpatterns = [
    path("", meeting.meeting_list, name="list"),
    path("new/", meeting.meeting_convene, name="convene"),
    path("<int:pk>/", meeting.meeting_detail, name="meeting"),
    path("<int:pk>/open/", meeting.meeting_open, name="open"),
    path("<int:pk>/close/", meeting.meeting_close, name="close"),
    path("<int:pk>/check-in/", attendance.check_in, name="check_in"),
    path("<int:pk>/attendance/", attendance.attendance_add, name="attendance_add"),
    path("<int:pk>/items/", agenda.item_add, name="item_add"),
    path("<int:pk>/chair/", meeting.take_chair, name="take_chair"),
    path("<int:pk>/chair/propose/", meeting.propose_chair, name="propose_chair"),
    path("<int:pk>/projector/", projector.projector, name="projector"),
    path("<int:pk>/notice/", meeting.notice_give, name="notice_give"),
    path("<int:pk>/proxies/", attendance.proxy_give, name="proxy_give"),
    path("<int:pk>/proxies/<int:proxy>/end/", attendance.proxy_end, name="proxy_end"),
    path("<int:pk>/items/<int:position>/open/", agenda.item_vote_open, name="vote_open"),
    path("<int:pk>/items/<int:position>/close/", agenda.item_vote_close, name="vote_close"),
    path("<int:pk>/items/<int:position>/count/", agenda.item_count, name="vote_count"),
    path("<int:pk>/items/<int:position>/speak/", agenda.speak, name="speak"),
    path("<int:pk>/items/<int:position>/next/", agenda.speaker_next, name="speaker_next"),
    path("<int:pk>/items/<int:position>/amend/", agenda.amend, name="amend"),
    path("<int:pk>/vote/", voting.vote_page, name="vote"),
    path("<int:pk>/vote/cast/", voting.cast, name="cast"),
    path("<int:pk>/live/<str:token>/<int:revision>", voting.live_poll, name="live"),
    path("<int:pk>/minutes/", minutes.minutes, name="minutes"),
    path("<int:pk>/minutes.pdf", minutes.minutes_pdf, name="minutes_pdf"),
]
